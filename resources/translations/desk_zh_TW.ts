<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW">
<context>
    <name>AccessibleNames</name>
    <message>
        <source>Books of this visit</source>
        <translation>本次借閱的圖書</translation>
    </message>
    <message>
        <source>Returned items</source>
        <translation>已還館藏</translation>
    </message>
    <message>
        <source>Book-drop return date</source>
        <translation>還書箱還書日期</translation>
    </message>
    <message>
        <source>Loans to renew</source>
        <translation>可續借的借閱</translation>
    </message>
    <message>
        <source>Patrons found</source>
        <translation>查詢到的讀者</translation>
    </message>
    <message>
        <source>Loans</source>
        <translation>借閱中</translation>
    </message>
    <message>
        <source>Holds</source>
        <translation>預約</translation>
    </message>
    <message>
        <source>Charges</source>
        <translation>費用</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>申請</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>訊息</translation>
    </message>
    <message>
        <source>Loan history</source>
        <translation>借閱紀錄</translation>
    </message>
    <message>
        <source>Proxies</source>
        <translation>代借人</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>活動紀錄</translation>
    </message>
    <message>
        <source>Items found</source>
        <translation>查詢到的館藏</translation>
    </message>
    <message>
        <source>Loan history of the item</source>
        <translation>此館藏的借閱紀錄</translation>
    </message>
    <message>
        <source>Holds shelf</source>
        <translation>預約架</translation>
    </message>
    <message>
        <source>Items to pull from the shelf</source>
        <translation>待調閱的館藏</translation>
    </message>
    <message>
        <source>Items scanned while clearing the shelf</source>
        <translation>清架時掃描的館藏</translation>
    </message>
    <message>
        <source>Charges not yet collectable</source>
        <translation>累計中（尚未結算）的費用</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>收據</translation>
    </message>
    <message>
        <source>Amount to pay</source>
        <translation>應繳金額</translation>
    </message>
    <message>
        <source>Amount handed over</source>
        <translation>實收金額</translation>
    </message>
    <message>
        <source>Manual slip entry</source>
        <translation>人工借還單輸入</translation>
    </message>
    <message>
        <source>Manual slips keyed in</source>
        <translation>已輸入的人工借還單</translation>
    </message>
    <message>
        <source>Desks</source>
        <translation>櫃台</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>繳款</translation>
    </message>
    <message>
        <source>Settlements</source>
        <translation>結算紀錄</translation>
    </message>
    <message>
        <source>Settlement lines</source>
        <translation>結算明細</translation>
    </message>
    <message>
        <source>Change fund</source>
        <translation>找零金</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>讀者通知</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>館員</translation>
    </message>
    <message>
        <source>Offline transactions</source>
        <translation>離線交易</translation>
    </message>
    <message>
        <source>Last slip</source>
        <translation>最近一張單據</translation>
    </message>
    <message>
        <source>Piece to write on the RFID tag</source>
        <translation>要寫入 RFID 標籤的件次</translation>
    </message>
    <message>
        <source>Pull list</source>
        <translation>調書清單</translation>
    </message>
    <message>
        <source>Self-check terminals</source>
        <translation>自助借還書機</translation>
    </message>
    <message>
        <source>Missing-book searches</source>
        <translation>圖書協尋</translation>
    </message>
    <message>
        <source>Withdrawn-area retrievals</source>
        <translation>撤架區取書</translation>
    </message>
</context>
<context>
    <name>AccessoriesDialog</name>
    <message>
        <source>Accessories</source>
        <translation>附件點收</translation>
    </message>
    <message>
        <source>Check the accessories: %1</source>
        <translation>請點收：%1</translation>
    </message>
    <message>
        <source>All present (Enter)</source>
        <translation>附件齊全 (Enter)</translation>
    </message>
    <message>
        <source>Mi&amp;ssing… (Alt+S)</source>
        <translation>附件短缺(&amp;S)… (Alt+S)</translation>
    </message>
    <message>
        <source>What is missing?</source>
        <translation>短缺哪些附件？</translation>
    </message>
    <message>
        <source>Record as missing (Enter)</source>
        <translation>登記短缺 (Enter)</translation>
    </message>
    <message>
        <source>Back (Esc)</source>
        <translation>返回 (Esc)</translation>
    </message>
    <message>
        <source>Write what is missing.</source>
        <translation>請填寫短缺的附件。</translation>
    </message>
</context>
<context>
    <name>AddFeeDialog</name>
    <message>
        <source>Add a fee</source>
        <translation>新增費用</translation>
    </message>
    <message>
        <source>optional item barcode</source>
        <translation>館藏條碼（可不填）</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>費用</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>說明</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>館藏</translation>
    </message>
</context>
<context>
    <name>BackupScheduler</name>
    <message>
        <source>Library backed up: %1</source>
        <translation>資料庫已備份：%1</translation>
    </message>
    <message>
        <source>The backup failed: %1</source>
        <translation>備份失敗：%1</translation>
    </message>
    <message>
        <source>The backup folder %1 cannot be written (%2): the library is not being backed up.</source>
        <translation>無法寫入備份資料夾 %1（%2）：資料庫目前沒有備份。</translation>
    </message>
    <message>
        <source>The library has no backup yet in %1.</source>
        <translation>%1 中尚無資料庫備份。</translation>
    </message>
    <message>
        <source>The last good backup is %1 hours old (%2): check the backup folder %3.</source>
        <translation>最近一次成功的備份已是 %1 小時前（%2）：請檢查備份資料夾 %3。</translation>
    </message>
</context>
<context>
    <name>BlankFormsDialog</name>
    <message>
        <source>Blank manual slip forms</source>
        <translation>空白人工借還單</translation>
    </message>
    <message>
        <source>Manual checkout slip (人工借書單)</source>
        <translation>人工借書單</translation>
    </message>
    <message>
        <source>Manual return slip (人工還書單)</source>
        <translation>人工還書單</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>瀏覽…</translation>
    </message>
    <message>
        <source>Open the PDF to print it</source>
        <translation>開啟 PDF 以便列印</translation>
    </message>
    <message>
        <source>&amp;Form:</source>
        <translation>表單(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Paper:</source>
        <translation>紙張(&amp;P)：</translation>
    </message>
    <message>
        <source>F&amp;irst number:</source>
        <translation>起始編號(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;How many:</source>
        <translation>張數(&amp;H)：</translation>
    </message>
    <message>
        <source>Save as (PDF &amp;name):</source>
        <translation>另存為 PDF 檔名(&amp;N)：</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 檔案 (*.pdf)</translation>
    </message>
    <message>
        <source>Choose where to save the forms.</source>
        <translation>請選擇表單的儲存位置。</translation>
    </message>
    <message>
        <source>%1 is a folder.</source>
        <translation>%1 是資料夾。</translation>
    </message>
    <message>
        <source>Forms %1 to %2 saved to %3.</source>
        <translation>表單 %1 至 %2 已儲存至 %3。</translation>
    </message>
    <message>
        <source>The forms could not be saved: %1</source>
        <translation>表單無法儲存：%1</translation>
    </message>
</context>
<context>
    <name>CameraDialog</name>
    <message>
        <source>Take the patron&apos;s photo</source>
        <translation>拍攝讀者照片</translation>
    </message>
    <message>
        <source>Waiting for the camera…</source>
        <translation>等待攝影機畫面…</translation>
    </message>
    <message>
        <source>Space or Enter: take the photo · Esc: cancel</source>
        <translation>空白鍵或 Enter：拍照 · Esc：取消</translation>
    </message>
    <message>
        <source>Take photo (Space)</source>
        <translation>拍照（空白鍵）</translation>
    </message>
    <message>
        <source>No picture from the camera yet.</source>
        <translation>尚未收到攝影機畫面。</translation>
    </message>
</context>
<context>
    <name>CancelRequestDialog</name>
    <message>
        <source>Cancel a missing-book search</source>
        <translation>取消圖書協尋</translation>
    </message>
    <message>
        <source>Cancel a withdrawn-area request</source>
        <translation>取消撤架區取書申請</translation>
    </message>
    <message>
        <source>Why the patron no longer wants it</source>
        <translation>讀者不再需要的原因</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Cancel the request (Enter)</source>
        <translation>取消申請（Enter）</translation>
    </message>
    <message>
        <source>Keep it (Esc)</source>
        <translation>保留申請（Esc）</translation>
    </message>
    <message>
        <source>What to do with the book</source>
        <translation>圖書處理方式</translation>
    </message>
    <message>
        <source>Write why the request is cancelled.</source>
        <translation>請填寫取消申請的原因。</translation>
    </message>
    <message>
        <source>Done (Enter)</source>
        <translation>完成（Enter）</translation>
    </message>
    <message>
        <source>This could not be done now; the database did not answer. Try again.</source>
        <translation>資料庫未回應，目前無法完成，請再試一次。</translation>
    </message>
</context>
<context>
    <name>CheckinScreen</name>
    <message>
        <source>Checkin</source>
        <translation>還書</translation>
    </message>
    <message>
        <source>Scan returned items</source>
        <translation>請掃描歸還的館藏</translation>
    </message>
    <message>
        <source>Book drop (F7)</source>
        <translation>還書箱 (F7)</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>條碼</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>題名</translation>
    </message>
    <message>
        <source>Former borrower</source>
        <translation>原借閱者</translation>
    </message>
    <message>
        <source>Fine</source>
        <translation>滯還金</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>去向</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>訊息</translation>
    </message>
    <message>
        <source>Strip</source>
        <translation>磁條</translation>
    </message>
    <message>
        <source>%1 waits until the accessories are checked.</source>
        <translation>%1 待附件點收後處理。</translation>
    </message>
    <message>
        <source>BOOK DROP ON: returns are dated %1. Switch off with F7.</source>
        <translation>還書箱模式：還書日期記為 %1。按 F7 關閉。</translation>
    </message>
    <message>
        <source>TO STAFF: check accessories</source>
        <translation>交館員：點收附件</translation>
    </message>
    <message>
        <source>SHELVE: course-reserve shelf</source>
        <translation>上架：指定參考書架</translation>
    </message>
    <message>
        <source>CHECK THE ACCESSORIES</source>
        <translation>請點收附件</translation>
    </message>
    <message>
        <source>Missing: %1</source>
        <translation>短缺：%1</translation>
    </message>
    <message>
        <source>TO STAFF: accessories missing</source>
        <translation>交館員：附件短缺</translation>
    </message>
    <message>
        <source>TO STAFF: accessories missing (not recorded)</source>
        <translation>交館員：附件短缺（未能登記）</translation>
    </message>
    <message>
        <source>RETURNED OFFLINE: set aside</source>
        <translation>離線還書：請先放置一旁</translation>
    </message>
    <message>
        <source>Shelf, holds shelf or transit is known after the replay.</source>
        <translation>上架、預約架或轉送，待補登後才能得知。</translation>
    </message>
    <message>
        <source>$ Collect the overdue fine %1 from %2 — F11 takes you there with this patron</source>
        <translation>$ 請收滯還金 %1（%2）— 按 F11 帶此讀者至繳費畫面</translation>
    </message>
    <message>
        <source>🪪 Hand back the ID kept at the desk to %1: %2</source>
        <translation>🪪 請將押在櫃台的證件歸還 %1：%2</translation>
    </message>
</context>
<context>
    <name>CheckoutScreen</name>
    <message>
        <source>Checkout</source>
        <translation>借書</translation>
    </message>
    <message>
        <source>Scan a patron card, then items</source>
        <translation>請先掃描借書證，再掃描館藏</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>條碼</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>題名</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>訊息</translation>
    </message>
    <message>
        <source>Strip</source>
        <translation>磁條</translation>
    </message>
    <message>
        <source>Supervisor approval for the selected refused book</source>
        <translation>主管核可所選的未借出圖書</translation>
    </message>
    <message>
        <source>Done (F12)</source>
        <translation>完成 (F12)</translation>
    </message>
    <message>
        <source>Done: print the slip and clear for the next patron</source>
        <translation>完成：列印借書單，換下一位讀者</translation>
    </message>
    <message>
        <source>Scan the items to lend (a card: the next patron)</source>
        <translation>請掃描館藏條碼（掃描借書證則換下一位讀者）</translation>
    </message>
    <message>
        <source>Visit ends in %1 s — scan or press a key to continue</source>
        <translation>%1 秒後結束此讀者的借書 — 請掃描或按任一鍵繼續</translation>
    </message>
    <message>
        <source>The visit ended: no scan or key for %1 s. Scan a card for the next patron.</source>
        <translation>已結束此讀者的借書：%1 秒內沒有掃描或按鍵。請掃描下一位讀者的借書證。</translation>
    </message>
    <message>
        <source>%1 cannot borrow without an override.</source>
        <translation>%1 需經主管核可才能借書。</translation>
    </message>
    <message>
        <source>No such patron</source>
        <translation>查無讀者</translation>
    </message>
    <message>
        <source>No patron has card %1. Register a new patron?</source>
        <translation>查無借書證 %1 的讀者。要為此讀者辦證嗎？</translation>
    </message>
    <message>
        <source>%1 due %2</source>
        <translation>%1 到期日 %2</translation>
    </message>
    <message>
        <source>%1 is already lent in this visit.</source>
        <translation>%1 本次已借出。</translation>
    </message>
    <message>
        <source>Not lent: %1</source>
        <translation>未借出：%1</translation>
    </message>
    <message>
        <source>(%1: supervisor override)</source>
        <translation>（%1：主管核可）</translation>
    </message>
    <message>
        <source>Not lent</source>
        <translation>未借出</translation>
    </message>
    <message>
        <source>Select a refused book that a supervisor may allow.</source>
        <translation>請選擇一本主管可核可的未借出圖書。</translation>
    </message>
    <message>
        <source>Ready for the next patron.</source>
        <translation>請下一位讀者。</translation>
    </message>
    <message>
        <source>(set when replayed)</source>
        <translation>（補登時決定）</translation>
    </message>
    <message>
        <source>Not lent, to resolve: %1</source>
        <translation>未借出待處理：%1</translation>
    </message>
    <message>
        <source>Due %1</source>
        <translation>到期日 %1</translation>
    </message>
    <message>
        <source>Items lent: %1</source>
        <translation>本次借出：%1 冊</translation>
    </message>
</context>
<context>
    <name>DayView</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>重新整理(&amp;R)</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>櫃台</translation>
    </message>
    <message>
        <source>◀ Previous day</source>
        <translation>◀ 前一日</translation>
    </message>
    <message>
        <source>Next day ▶</source>
        <translation>後一日 ▶</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>收據</translation>
    </message>
    <message>
        <source>Paid at</source>
        <translation>繳款時間</translation>
    </message>
    <message>
        <source>Booked to</source>
        <translation>入帳日</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Settled</source>
        <translation>已結算</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>繳款</translation>
    </message>
    <message>
        <source>Unsettled</source>
        <translation>未結算</translation>
    </message>
    <message>
        <source>Takings</source>
        <translation>收入</translation>
    </message>
    <message>
        <source>Self-check terminals</source>
        <translation>自助借還書機</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>機台</translation>
    </message>
    <message>
        <source>Checkouts</source>
        <translation>借書</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>還書</translation>
    </message>
    <message>
        <source>Renewals</source>
        <translation>續借</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>拒絕</translation>
    </message>
    <message>
        <source>Payments booked to this day</source>
        <translation>計入本營業日的收款</translation>
    </message>
    <message>
        <source>Collections by hour</source>
        <translation>每小時收款</translation>
    </message>
    <message>
        <source>Business day %1</source>
        <translation>營業日 %1</translation>
    </message>
    <message>
        <source>Collected so far: %1 (%2)</source>
        <translation>目前已收：%1（%2）</translation>
    </message>
    <message>
        <source>Lent %1 · Returned %2 · Holds placed %3 · Put on the holds shelf %4</source>
        <translation>借書 %1 冊 · 還書 %2 冊 · 新預約 %3 筆 · 上預約架 %4 冊</translation>
    </message>
    <message>
        <source>Not settled: %1</source>
        <translation>未結算：%1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>無</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>void</source>
        <translation>作廢</translation>
    </message>
    <message>
        <source>1 payment taken on this day after the close is booked to a later day: %1.</source>
        <translation>本日結帳後收取的 1 筆款項已計入之後的營業日：%1。</translation>
    </message>
    <message>
        <source>%2 payments taken on this day after the close are booked to later days: %1.</source>
        <translation>本日結帳後收取的 %2 筆款項已計入之後的營業日：%1。</translation>
    </message>
</context>
<context>
    <name>DayViewScreen</name>
    <message>
        <source>Day view</source>
        <translation>當日總覽</translation>
    </message>
</context>
<context>
    <name>DeliveryDialog</name>
    <message>
        <source>Delivery request</source>
        <translation>圖書代借申請</translation>
    </message>
    <message>
        <source>Delivery request (form F-K08-042) for %1 (%2): books of ONE other location, %3 a book, paid now.</source>
        <translation>%1（%2）的圖書代借申請（F-K08-042）：限同一館藏地的圖書，每冊 %3，當場繳費。</translation>
    </message>
    <message>
        <source>Scan or type a book, then Enter</source>
        <translation>掃描或輸入圖書條碼後按 Enter</translation>
    </message>
    <message>
        <source>&amp;Book</source>
        <translation>圖書(&amp;B)</translation>
    </message>
    <message>
        <source>Books on the form</source>
        <translation>申請表上的圖書</translation>
    </message>
    <message>
        <source>&amp;Pick up at</source>
        <translation>取書館(&amp;P)</translation>
    </message>
    <message>
        <source>Fee paid &amp;by</source>
        <translation>繳費方式(&amp;B)</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>服務費</translation>
    </message>
    <message>
        <source>%1 is on the form already.</source>
        <translation>%1 已在申請表上。</translation>
    </message>
    <message>
        <source>Scan the books the patron asks for.</source>
        <translation>請掃描讀者申請的圖書。</translation>
    </message>
</context>
<context>
    <name>DeviceStatusArea</name>
    <message>
        <source>Scanner</source>
        <translation>掃描器</translation>
    </message>
    <message>
        <source>Strip</source>
        <translation>磁條</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>印表機</translation>
    </message>
    <message>
        <source>RFID pad</source>
        <translation>RFID 感應板</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已連線</translation>
    </message>
    <message>
        <source>error</source>
        <translation>錯誤</translation>
    </message>
    <message>
        <source>off</source>
        <translation>關閉</translation>
    </message>
    <message>
        <source>%1 waiting</source>
        <translation>%1 張待印</translation>
    </message>
</context>
<context>
    <name>EditPatronDialog</name>
    <message>
        <source>Edit patron</source>
        <translation>修改讀者資料</translation>
    </message>
    <message>
        <source>A different person: save anyway</source>
        <translation>確認為不同讀者，仍要儲存</translation>
    </message>
    <message>
        <source>Edit patron %1 (Ctrl+S saves, Ctrl+E extends by the term)</source>
        <translation>修改讀者 %1 資料（Ctrl+S 儲存，Ctrl+E 依期限延長借書證）</translation>
    </message>
    <message>
        <source>Saved the changes to %1.</source>
        <translation>已儲存讀者 %1 的資料變更。</translation>
    </message>
    <message>
        <source>Card extended to %1.</source>
        <translation>借書證已延長至 %1。</translation>
    </message>
</context>
<context>
    <name>FinesScreen</name>
    <message>
        <source>Fines &amp;&amp; payments</source>
        <translation>罰款與繳款</translation>
    </message>
    <message>
        <source>Scan a patron card, or a borrowed item</source>
        <translation>請掃描借書證或借出的館藏</translation>
    </message>
    <message>
        <source>No patron</source>
        <translation>尚無讀者</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>費用</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>館藏</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>歸還</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已繳</translation>
    </message>
    <message>
        <source>Waived</source>
        <translation>已減免</translation>
    </message>
    <message>
        <source>Owed</source>
        <translation>應繳</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>明細</translation>
    </message>
    <message>
        <source>Not collectable now</source>
        <translation>累計中（尚未結算）</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>題名</translation>
    </message>
    <message>
        <source>Days overdue</source>
        <translation>逾期天數</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>備註</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>收據</translation>
    </message>
    <message>
        <source>Paid at</source>
        <translation>繳款時間</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Booked to</source>
        <translation>入帳日</translation>
    </message>
    <message>
        <source>Not collectable</source>
        <translation>累計中（尚未結算）</translation>
    </message>
    <message>
        <source>Loans &amp;&amp; lost items</source>
        <translation>借閱與遺失</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>收據</translation>
    </message>
    <message>
        <source>&amp;Waive selected…</source>
        <translation>減免所選(&amp;W)…</translation>
    </message>
    <message>
        <source>Add &amp;fee…</source>
        <translation>新增費用(&amp;F)…</translation>
    </message>
    <message>
        <source>Declare &amp;lost</source>
        <translation>登記遺失(&amp;L)</translation>
    </message>
    <message>
        <source>Settle: replacement copy</source>
        <translation>結案：賠新書</translation>
    </message>
    <message>
        <source>Settle: pay the price</source>
        <translation>結案：賠償書價</translation>
    </message>
    <message>
        <source>&amp;Void receipt…</source>
        <translation>作廢收據(&amp;V)…</translation>
    </message>
    <message>
        <source>Reprint receipt</source>
        <translation>補印收據</translation>
    </message>
    <message>
        <source>%1 day(s)</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <source>%1 hour(s)</source>
        <translation>%1 小時</translation>
    </message>
    <message>
        <source>capped at the rule&apos;s maximum</source>
        <translation>已達上限</translation>
    </message>
    <message>
        <source>Balance %1</source>
        <translation>應繳 %1</translation>
    </message>
    <message>
        <source>lost: compensate by %1</source>
        <translation>遺失：請於 %1 前賠償</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>void</source>
        <translation>作廢</translation>
    </message>
    <message>
        <source>Receipt %1: %2 paid by %3</source>
        <translation>收據 %1：%2，以 %3 繳款</translation>
    </message>
    <message>
        <source>change %1</source>
        <translation>找零 %1</translation>
    </message>
    <message>
        <source>Today is closed: this payment is booked to %1.</source>
        <translation>本日已結帳：此筆計入 %1。</translation>
    </message>
    <message>
        <source>Select a receipt.</source>
        <translation>請選取收據。</translation>
    </message>
    <message>
        <source>Select the charges to waive.</source>
        <translation>請選取要減免的款項。</translation>
    </message>
    <message>
        <source>Waive %1 charge(s)</source>
        <translation>減免 %1 筆款項</translation>
    </message>
    <message>
        <source>Waived %1</source>
        <translation>已減免 %1</translation>
    </message>
    <message>
        <source>Void receipt %1</source>
        <translation>作廢收據 %1</translation>
    </message>
    <message>
        <source>Receipt %1 is void.</source>
        <translation>收據 %1 已作廢。</translation>
    </message>
    <message>
        <source>%1 of %2 added.</source>
        <translation>已新增 %2 的 %1。</translation>
    </message>
    <message>
        <source>Select a loan.</source>
        <translation>請選取借閱。</translation>
    </message>
    <message>
        <source>%1 declared lost.</source>
        <translation>%1 已登記遺失。</translation>
    </message>
    <message>
        <source>%1 settled: the charges are added.</source>
        <translation>%1 已結案：款項已計入。</translation>
    </message>
</context>
<context>
    <name>HistoryPurge</name>
    <message>
        <source>Only an administrator may anonymise loan history.</source>
        <translation>只有系統管理者可以匿名化借閱紀錄。</translation>
    </message>
    <message>
        <source>Counting the loan history to anonymise…</source>
        <translation>正在計算須匿名化的借閱紀錄…</translation>
    </message>
    <message>
        <source>Loan history is kept (history_keep_days is 0): nothing to anonymise.</source>
        <translation>借閱紀錄全部保留（history_keep_days 為 0）：無須匿名化。</translation>
    </message>
    <message>
        <source>No loan returned before %1 is left to anonymise.</source>
        <translation>%1 以前歸還的借閱紀錄均已匿名化。</translation>
    </message>
    <message>
        <source>Anonymise old loan history</source>
        <translation>匿名化過期借閱紀錄</translation>
    </message>
    <message>
        <source>%1 loan(s) returned before %2 will lose the link to their patron. Dates, items, fines, receipts and settlements stay. %3 old loan(s) with money still owed are kept. This cannot be undone.</source>
        <translation>%2 以前歸還的 %1 筆借閱將移除與讀者的關聯。日期、館藏、罰款、收據與日結資料均保留。尚有未繳費用的 %3 筆舊借閱不處理。此操作無法復原。</translation>
    </message>
    <message>
        <source>&amp;Anonymise</source>
        <translation>匿名化(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>Anonymising old loan history…</source>
        <translation>正在匿名化過期借閱紀錄…</translation>
    </message>
    <message>
        <source>Anonymised %1 loan(s) returned before %2; money records unchanged.</source>
        <translation>已匿名化 %2 以前歸還的 %1 筆借閱；金額紀錄不變。</translation>
    </message>
    <message>
        <source>Anonymising the loan history failed; nothing was changed. The log has the details.</source>
        <translation>借閱紀錄匿名化失敗，未做任何變更。詳情請見系統日誌。</translation>
    </message>
</context>
<context>
    <name>HoldsShelfScreen</name>
    <message>
        <source>Holds shelf</source>
        <translation>預約架</translation>
    </message>
    <message>
        <source>Scan a book from the shelf</source>
        <translation>掃描預約架上的書</translation>
    </message>
    <message>
        <source>Pick up by</source>
        <translation>取書期限</translation>
    </message>
    <message>
        <source>Patron</source>
        <translation>讀者</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>借書證</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>題名</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>館藏</translation>
    </message>
    <message>
        <source>Call number</source>
        <translation>索書號</translation>
    </message>
    <message>
        <source>On shelf since</source>
        <translation>上架日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>處理方式</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>判定</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>重新整理(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Clear expired</source>
        <translation>清除逾期(&amp;C)</translation>
    </message>
    <message>
        <source>Shelf s&amp;weep</source>
        <translation>巡架(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Print pull list</source>
        <translation>列印撤架清單(&amp;P)</translation>
    </message>
    <message>
        <source>Save pull list as P&amp;DF…</source>
        <translation>撤架清單存為 PDF(&amp;D)…</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>館藏地</translation>
    </message>
    <message>
        <source>&amp;Holds shelf</source>
        <translation>預約架(&amp;H)</translation>
    </message>
    <message>
        <source>P&amp;ull list</source>
        <translation>調書清單(&amp;U)</translation>
    </message>
    <message>
        <source>%1 is already confirmed.</source>
        <translation>%1 已確認。</translation>
    </message>
    <message>
        <source>%1 is not on the pull list.</source>
        <translation>%1 不在撤架清單上。</translation>
    </message>
    <message>
        <source>Expired: pull</source>
        <translation>已逾期：請撤下</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>待取書</translation>
    </message>
    <message>
        <source>%1 hold(s) waiting, %2 expired.</source>
        <translation>待取預約 %1 筆，逾期 %2 筆。</translation>
    </message>
    <message>
        <source>Clear expired holds</source>
        <translation>清除預約架</translation>
    </message>
    <message>
        <source>Cancel %1 expired hold(s) at %2? The patrons lose them; each book is pulled from the shelf or kept for the next patron in line with a new hold slip.</source>
        <translation>要取消 %2 的 %1 筆逾期未取預約嗎？讀者的預約隨即取消；每本書撤下歸架，或保留給下一位預約讀者並另印預約單。</translation>
    </message>
    <message>
        <source>&amp;Cancel the holds</source>
        <translation>取消預約(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Keep them</source>
        <translation>暫不清除(&amp;K)</translation>
    </message>
    <message>
        <source>Pull: back to the shelves</source>
        <translation>撤下：歸回書架</translation>
    </message>
    <message>
        <source>Pull: to transit for another patron</source>
        <translation>撤下：轉送給其他讀者</translation>
    </message>
    <message>
        <source>Stays: new hold slip printed</source>
        <translation>保留：已列印新預約書條</translation>
    </message>
    <message>
        <source>retrapped</source>
        <translation>轉給下一位</translation>
    </message>
    <message>
        <source>%1 expired: %2 to pull, %3 retrapped for the next patron.</source>
        <translation>逾期 %1 筆：撤下 %2 冊，%3 冊轉給下一位讀者。</translation>
    </message>
    <message>
        <source>No expired holds on this shelf.</source>
        <translation>此預約架沒有逾期的預約。</translation>
    </message>
    <message>
        <source>Hold slip</source>
        <translation>預約書條</translation>
    </message>
    <message>
        <source>Pick up by %1</source>
        <translation>取書期限 %1</translation>
    </message>
    <message>
        <source>scan to confirm</source>
        <translation>請掃描確認</translation>
    </message>
    <message>
        <source>back in circulation: reshelve</source>
        <translation>恢復流通：歸架</translation>
    </message>
    <message>
        <source>in transit to %1</source>
        <translation>轉送至 %1</translation>
    </message>
    <message>
        <source>trapped for %1: holds shelf</source>
        <translation>保留給 %1：預約架</translation>
    </message>
    <message>
        <source>give to staff</source>
        <translation>交館員</translation>
    </message>
    <message>
        <source>Transit slip</source>
        <translation>轉送單</translation>
    </message>
    <message>
        <source>To: %1</source>
        <translation>送往：%1</translation>
    </message>
    <message>
        <source>%1 left to pull.</source>
        <translation>尚有 %1 冊待撤下。</translation>
    </message>
    <message>
        <source>All books pulled.</source>
        <translation>已全部撤下。</translation>
    </message>
    <message>
        <source>Sweep: scan each book on the shelf.</source>
        <translation>巡架：請逐一掃描架上的書。</translation>
    </message>
    <message>
        <source>Not on this shelf</source>
        <translation>不屬於此預約架</translation>
    </message>
    <message>
        <source>Expired — pull it</source>
        <translation>已逾期 — 請撤下</translation>
    </message>
    <message>
        <source>Keep — for %1 until %2</source>
        <translation>保留 — %1，至 %2</translation>
    </message>
    <message>
        <source>expired %1, for %2</source>
        <translation>%1 逾期，預約者 %2</translation>
    </message>
    <message>
        <source>Pull list %1 %2</source>
        <translation>撤架清單 %1 %2</translation>
    </message>
    <message>
        <source>Nothing to pull.</source>
        <translation>沒有需要撤下的書。</translation>
    </message>
    <message>
        <source>Pull list printed: %1 book(s).</source>
        <translation>已列印撤架清單：%1 冊。</translation>
    </message>
    <message>
        <source>Pull list saved: %1</source>
        <translation>撤架清單已儲存：%1</translation>
    </message>
    <message>
        <source>Save pull list</source>
        <translation>儲存撤架清單</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <source>%1 (%2) is signed in at desk %3. Enter the password to continue.</source>
        <translation>%1（%2）已在 %3 櫃台登入。請輸入密碼繼續。</translation>
    </message>
    <message>
        <source>Enter the login and the password.</source>
        <translation>請輸入帳號與密碼。</translation>
    </message>
    <message>
        <source>Wrong login or password.</source>
        <translation>帳號或密碼錯誤。</translation>
    </message>
    <message>
        <source>The password cannot be checked now: the database did not answer. Try again.</source>
        <translation>目前無法核對密碼：資料庫沒有回應，請再試一次。</translation>
    </message>
</context>
<context>
    <name>ItemRequestDialog</name>
    <message>
        <source>Missing-book search request</source>
        <translation>圖書協尋申請</translation>
    </message>
    <message>
        <source>Withdrawn-area retrieval request</source>
        <translation>撤架區取書申請</translation>
    </message>
    <message>
        <source>Scan the patron&apos;s card</source>
        <translation>請掃描讀者借書證</translation>
    </message>
    <message>
        <source>The patron&apos;s reply-by date</source>
        <translation>讀者希望回覆期限</translation>
    </message>
    <message>
        <source>Patron&apos;s card</source>
        <translation>讀者借書證</translation>
    </message>
    <message>
        <source>Without a date of the patron&apos;s, the library searches for %1 open days.</source>
        <translation>讀者未填回覆期限時，圖書館找尋 %1 個工作日。</translation>
    </message>
    <message>
        <source>Scan the patron&apos;s card first.</source>
        <translation>請先掃描讀者借書證。</translation>
    </message>
</context>
<context>
    <name>ItemStatusScreen</name>
    <message>
        <source>Item status</source>
        <translation>館藏狀態</translation>
    </message>
    <message>
        <source>Scan an item, or type a barcode or title — results as you type</source>
        <translation>掃描館藏，或輸入條碼或題名（邊打邊查）</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>條碼</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>題名</translation>
    </message>
    <message>
        <source>Call number</source>
        <translation>索書號</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>館藏地</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>Item type</source>
        <translation>資料類型</translation>
    </message>
    <message>
        <source>Home location</source>
        <translation>所屬館藏地</translation>
    </message>
    <message>
        <source>Now at</source>
        <translation>目前位置</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Borrower</source>
        <translation>借閱者</translation>
    </message>
    <message>
        <source>Holds on the title</source>
        <translation>此書預約數</translation>
    </message>
    <message>
        <source>Accessories</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Security strip</source>
        <translation>磁條</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>價格</translation>
    </message>
    <message>
        <source>Pieces</source>
        <translation>件數</translation>
    </message>
    <message>
        <source>Request notes</source>
        <translation>調閱與協尋註記</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>借出</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>歸還</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>借書證</translation>
    </message>
    <message>
        <source>Patron</source>
        <translation>讀者</translation>
    </message>
    <message>
        <source>Search request…</source>
        <translation>圖書協尋申請…</translation>
    </message>
    <message>
        <source>Withdrawn-area request…</source>
        <translation>撤架區取書申請…</translation>
    </message>
    <message>
        <source>Recent loans</source>
        <translation>最近借閱</translation>
    </message>
    <message>
        <source>piece </source>
        <translation>第 </translation>
    </message>
    <message>
        <source>Write RFID tag</source>
        <translation>寫入 RFID 標籤</translation>
    </message>
    <message>
        <source>Put one blank tag on the RFID pad, then press.</source>
        <translation>請在 RFID 感應板上放一張空白標籤，再按此鈕。</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>寫入中…</translation>
    </message>
    <message>
        <source>%1 item(s) found</source>
        <translation>找到 %1 筆館藏</translation>
    </message>
    <message>
        <source>Scan or look up an item first.</source>
        <translation>請先掃描或查詢一筆館藏。</translation>
    </message>
    <message>
        <source>Search request %1 made: it is on the search list.</source>
        <translation>已登錄協尋申請 %1，已列入協尋清單。</translation>
    </message>
    <message>
        <source>Withdrawn-area request %1 made: it is on the retrieval list.</source>
        <translation>已登錄撤架區取書申請 %1，已列入取書清單。</translation>
    </message>
    <message>
        <source> of %1</source>
        <translation> 件，共 %1 件</translation>
    </message>
    <message>
        <source>No item</source>
        <translation>無館藏</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>in-library use only</source>
        <translation>限館內使用</translation>
    </message>
    <message>
        <source>OVERDUE</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>on loan</source>
        <translation>借出中</translation>
    </message>
    <message>
        <source>(anonymised)</source>
        <translation>（已匿名）</translation>
    </message>
</context>
<context>
    <name>KeyHelpDialog</name>
    <message>
        <source>Keys — %1</source>
        <translation>按鍵說明 — %1</translation>
    </message>
    <message>
        <source>Keys on %1 and everywhere at the desk</source>
        <translation>%1 畫面及全櫃台通用的按鍵</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按鍵說明</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>按鍵</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>功能</translation>
    </message>
    <message>
        <source>(everywhere)</source>
        <translation>（全櫃台通用）</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>This desk is locked</source>
        <translation>櫃台已鎖定</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解除鎖定</translation>
    </message>
    <message>
        <source>Another staff member may sign in here instead: the visit on screen then ends and the desk is theirs.</source>
        <translation>也可由其他館員在此登入：畫面上的本次服務隨即結束，櫃台改由該館員使用。</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>帳號</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密碼</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Signed out. Sign in to continue.</source>
        <translation>已登出，請登入以繼續。</translation>
    </message>
    <message>
        <source>Show here the patron of the screen used just before (F1, F3, F4, F11). Switching screens alone never carries a patron.</source>
        <translation>在此畫面帶入剛才使用畫面（F1、F3、F4、F11）的讀者。只切換畫面不會帶入讀者。</translation>
    </message>
    <message>
        <source>&amp;Desk</source>
        <translation>櫃台(&amp;D)</translation>
    </message>
    <message>
        <source>Sign out / change shift</source>
        <translation>登出／換班</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>設定…</translation>
    </message>
    <message>
        <source>Change my password…</source>
        <translation>變更我的密碼…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>結束</translation>
    </message>
    <message>
        <source>&amp;Modes</source>
        <translation>功能(&amp;M)</translation>
    </message>
    <message>
        <source>M&amp;aintenance</source>
        <translation>系統維護(&amp;A)</translation>
    </message>
    <message>
        <source>Anonymise old loan history…</source>
        <translation>匿名化過期借閱紀錄…</translation>
    </message>
    <message>
        <source>Only an administrator may open this screen.</source>
        <translation>僅系統管理者可開啟此畫面。</translation>
    </message>
    <message>
        <source>The desk is locked: %1 was not taken. Unlock it first.</source>
        <translation>櫃台已鎖定：未處理 %1。請先解除鎖定。</translation>
    </message>
    <message>
        <source>%1 read twice: taken once.</source>
        <translation>%1 重複讀取：只處理一次。</translation>
    </message>
    <message>
        <source>The desk signed you out: %1 Ask an administrator, or sign in as another staff member.</source>
        <translation>本櫃台已將您登出：%1 請洽系統管理者，或由其他館員登入。</translation>
    </message>
    <message>
        <source>Every key of this screen</source>
        <translation>本畫面的所有按鍵</translation>
    </message>
    <message>
        <source>Bring patron here</source>
        <translation>帶入讀者</translation>
    </message>
    <message>
        <source>Reprint slip</source>
        <translation>補印單據</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按鍵說明</translation>
    </message>
    <message>
        <source>Every key of this screen (Shift+F1 or ?)</source>
        <translation>本畫面的所有按鍵（Shift+F1 或 ?）</translation>
    </message>
    <message>
        <source>No slip to reprint.</source>
        <translation>沒有可補印的單據。</translation>
    </message>
    <message>
        <source>Database and desk changes apply after a restart.</source>
        <translation>資料庫與櫃台設定於重新啟動後生效。</translation>
    </message>
    <message>
        <source>Offline mode is off: the offline journal cannot be written (%1).</source>
        <translation>離線模式未啟用：無法寫入離線日誌（%1）。</translation>
    </message>
    <message>
        <source>The desk cannot start: its settings have problems. Correct them (or remove the setting to use its default) and start the desk again.</source>
        <translation>流通櫃台無法啟動：設定檔有錯誤。請修正下列設定（或刪除該項設定以使用預設值）後再重新啟動。</translation>
    </message>
    <message>
        <source>The desk cannot write to the library database (it is read-only).</source>
        <translation>流通櫃台無法寫入圖書館資料庫（資料庫為唯讀）。</translation>
    </message>
    <message>
        <source>Cannot open the database.</source>
        <translation>無法開啟資料庫。</translation>
    </message>
    <message>
        <source>This database has no desk %1. Create the demo library with: python -m desk demo</source>
        <translation>此資料庫沒有櫃台 %1。可用 python -m desk demo 建立示範圖書館。</translation>
    </message>
</context>
<context>
    <name>ManualSlipsScreen</name>
    <message>
        <source>Manual slips</source>
        <translation>人工借還單</translation>
    </message>
    <message>
        <source>Slip</source>
        <translation>單號</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>類型</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>借書證</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>館藏</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>日期時間</translation>
    </message>
    <message>
        <source>This desk&apos;s slip book (%1) is open in another desk program: close that one, or give this desk its own desk code, to key in slips here.</source>
        <translation>本櫃台的人工流通單登錄檔（%1）已由另一個櫃台程式開啟：請關閉該程式，或為本櫃台設定自己的櫃台代碼，才能在此登錄借還書單。</translation>
    </message>
    <message>
        <source>%1 keyed line(s) not replayed yet: replay them with Ctrl+R (Replay).</source>
        <translation>已登錄 %1 筆尚未補登：請按 Ctrl+R（離線補登）補登。</translation>
    </message>
    <message>
        <source>Every keyed slip has been replayed.</source>
        <translation>已登錄的借還單均已補登。</translation>
    </message>
    <message>
        <source>Slip number (printed on the form)</source>
        <translation>借還單編號（印於表單上）</translation>
    </message>
    <message>
        <source>Type: C = checkout, R = return</source>
        <translation>類型：C = 借書，R = 還書</translation>
    </message>
    <message>
        <source>Patron card</source>
        <translation>借書證</translation>
    </message>
    <message>
        <source>Item barcode (Enter on an empty line when done)</source>
        <translation>館藏條碼（完成後於空白行按 Enter）</translation>
    </message>
    <message>
        <source>Date and time on the slip (2026-11-02 14:30, 11-02 14:30, 1102 1430)</source>
        <translation>借還單上的日期時間（2026-11-02 14:30、11-02 14:30、1102 1430）</translation>
    </message>
    <message>
        <source>Type C for a checkout slip or R for a return slip.</source>
        <translation>人工借書單請輸入 C，人工還書單請輸入 R。</translation>
    </message>
    <message>
        <source>Scan or type at least one item barcode.</source>
        <translation>請至少掃描或輸入一個館藏條碼。</translation>
    </message>
    <message>
        <source>This item is on the slip already.</source>
        <translation>此館藏已在本借還單上。</translation>
    </message>
    <message>
        <source>checkout</source>
        <translation>借書</translation>
    </message>
    <message>
        <source>return</source>
        <translation>還書</translation>
    </message>
</context>
<context>
    <name>ModeRows</name>
    <message>
        <source>Counter modes</source>
        <translation>櫃台作業</translation>
    </message>
    <message>
        <source>Back-office modes</source>
        <translation>後台作業</translation>
    </message>
    <message>
        <source>More modes</source>
        <translation>其他作業</translation>
    </message>
</context>
<context>
    <name>NewPatronDialog</name>
    <message>
        <source>New patron</source>
        <translation>讀者辦證</translation>
    </message>
    <message>
        <source>Scan or type the new card</source>
        <translation>刷入或輸入新借書證條碼</translation>
    </message>
    <message>
        <source>Registration checked in the campus system</source>
        <translation>已於公用查詢系統查核身分</translation>
    </message>
    <message>
        <source>The guarantor&apos;s card (or take a deposit)</source>
        <translation>保證人借書證號（或收取押金）</translation>
    </message>
    <message>
        <source>YYYY-MM-DD, blank: the category&apos;s term</source>
        <translation>YYYY-MM-DD，空白：依讀者類型的有效期間</translation>
    </message>
    <message>
        <source>A different person: register anyway</source>
        <translation>確認為不同讀者，仍要辦證</translation>
    </message>
    <message>
        <source>&amp;Card number</source>
        <translation>借書證號(&amp;C)</translation>
    </message>
    <message>
        <source>Registration</source>
        <translation>身分查核</translation>
    </message>
    <message>
        <source>&amp;Guarantor</source>
        <translation>保證人(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Deposit</source>
        <translation>押金(&amp;D)</translation>
    </message>
    <message>
        <source>Deposit paid by</source>
        <translation>押金繳款方式</translation>
    </message>
    <message>
        <source>New patron (Ctrl+S saves, Enter moves on, Esc cancels)</source>
        <translation>讀者辦證（Ctrl+S 儲存，Enter 移至下一欄，Esc 取消）</translation>
    </message>
    <message>
        <source>none (a guarantor instead)</source>
        <translation>不收（改由保證人擔保）</translation>
    </message>
    <message>
        <source>The deposit for this category: %1</source>
        <translation>此讀者類型的押金：%1</translation>
    </message>
    <message>
        <source>Registered %1 (%2)</source>
        <translation>已為 %1（%2）辦證</translation>
    </message>
</context>
<context>
    <name>NoticeScheduler</name>
    <message>
        <source>The mail server cannot be reached: notices wait and are tried again later.</source>
        <translation>無法連線郵件伺服器：通知暫存待寄，稍後重試。</translation>
    </message>
    <message>
        <source>%1 notice(s) could not be sent: see Notices.</source>
        <translation>%1 則通知無法寄送：請見「讀者通知」。</translation>
    </message>
    <message>
        <source>Notices to print: %1</source>
        <translation>待列印通知：%1</translation>
    </message>
    <message>
        <source>Notices could not be sent: %1</source>
        <translation>通知無法寄送：%1</translation>
    </message>
</context>
<context>
    <name>NoticesScreen</name>
    <message>
        <source>Notices</source>
        <translation>讀者通知</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>待寄送</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已寄出</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>寄送失敗</translation>
    </message>
    <message>
        <source>Patron</source>
        <translation>讀者</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>題名</translation>
    </message>
    <message>
        <source>State</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>寄送次數</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>建立時間</translation>
    </message>
    <message>
        <source>Sent / next try</source>
        <translation>寄出／下次重試</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>最近錯誤</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>重新整理</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重新寄送</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>顯示</translation>
    </message>
    <message>
        <source>Notices to patrons: e-mailed by &apos;python -m desk notices send&apos; (or by the desk on its timer), printed for patrons without an e-mail address.</source>
        <translation>讀者通知：由「python -m desk notices send」（或本櫃台定時）以電子郵件寄出；無電子郵件的讀者則列印紙本通知。</translation>
    </message>
    <message>
        <source>No notices in this list.</source>
        <translation>此清單沒有通知。</translation>
    </message>
    <message>
        <source>Notice %1 goes out again at the next sending.</source>
        <translation>通知 %1 將於下次寄送時重新寄出。</translation>
    </message>
    <message>
        <source>The notices cannot be read now; the database did not answer. Try again.</source>
        <translation>目前無法讀取通知，資料庫沒有回應，請再試一次。</translation>
    </message>
</context>
<context>
    <name>OfflineBanner</name>
    <message>
        <source>Back online (%1)</source>
        <translation>恢復連線 (%1)</translation>
    </message>
    <message>
        <source>Replay now (%1)</source>
        <translation>立即補登 (%1)</translation>
    </message>
</context>
<context>
    <name>OfflineMode</name>
    <message>
        <source>Offline</source>
        <translation>離線</translation>
    </message>
    <message>
        <source>&amp;Outage</source>
        <translation>系統中斷(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Back online and replay</source>
        <translation>恢復連線並補登(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Check the database connection now</source>
        <translation>立即檢查資料庫連線(&amp;C)</translation>
    </message>
    <message>
        <source>Blank manual slip &amp;forms (PDF)…</source>
        <translation>空白人工借還單 (PDF)(&amp;F)…</translation>
    </message>
    <message>
        <source>The library database answers again. Go back online to replay the offline transactions.</source>
        <translation>圖書館資料庫已恢復回應。請恢復連線以補登離線期間的借還書。</translation>
    </message>
    <message numerus="yes">
        <source>%n offline transaction(s) of this desk not replayed yet.</source>
        <translation>
            <numerusform>本櫃台尚有 %n 筆離線借還書未補登。</numerusform>
        </translation>
    </message>
    <message>
        <source>The library database answers again: choose Back online to replay.</source>
        <translation>圖書館資料庫已恢復回應：請選擇「恢復連線」進行補登。</translation>
    </message>
    <message>
        <source>The desk is online.</source>
        <translation>櫃台已在連線狀態。</translation>
    </message>
    <message>
        <source>Back online: replaying the offline journal.</source>
        <translation>已恢復連線：正在補登離線日誌。</translation>
    </message>
    <message>
        <source>The library database cannot be reached: working offline. Renewals, holds and payments are suspended.</source>
        <translation>無法連線圖書館資料庫：目前離線作業。續借、預約及繳款暫停辦理。</translation>
    </message>
    <message>
        <source>Offline: recorded as slip %1.</source>
        <translation>離線：已記入人工借還單 %1。</translation>
    </message>
    <message>
        <source>Offline: card %1 is not in the local copy. Check the card by eye; the loan is checked when it is replayed.</source>
        <translation>離線：本機資料查無借書證 %1。請人工核對證件；借閱於補登時再檢查。</translation>
    </message>
    <message>
        <source>Offline: %1 as of the local copy; loans are recorded in the journal.</source>
        <translation>離線：%1（依本機資料）；借閱記錄於離線日誌。</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <source>Supervisor override</source>
        <translation>主管核可</translation>
    </message>
    <message>
        <source>A supervisor may allow this:</source>
        <translation>以下情形可由主管核可：</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Needed for teaching</source>
        <translation>教學急用</translation>
    </message>
    <message>
        <source>Fine paid / to be paid today</source>
        <translation>滯還金已繳或今日補繳</translation>
    </message>
    <message>
        <source>Record error, checked by staff</source>
        <translation>資料有誤，館員已查核</translation>
    </message>
    <message>
        <source>Approved by the supervisor</source>
        <translation>主管同意</translation>
    </message>
    <message>
        <source>A written reason is required.</source>
        <translation>必須填寫原因。</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Change my password</source>
        <translation>變更我的密碼</translation>
    </message>
    <message>
        <source>Password of %1 (%2)</source>
        <translation>%1（%2）的密碼</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>目前的密碼</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密碼</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>再次輸入新密碼</translation>
    </message>
    <message>
        <source>At least 8 characters, not your login and not a common password.</source>
        <translation>至少 8 個字元，不可與帳號相同，也不可是常見密碼。</translation>
    </message>
    <message>
        <source>The two new passwords differ.</source>
        <translation>兩次輸入的新密碼不同。</translation>
    </message>
    <message>
        <source>Your password was changed.</source>
        <translation>您的密碼已變更。</translation>
    </message>
    <message>
        <source>The password cannot be changed now: the database did not answer. Try again.</source>
        <translation>目前無法變更密碼：資料庫沒有回應，請再試一次。</translation>
    </message>
</context>
<context>
    <name>PatronActionDialog</name>
    <message>
        <source>Block patron</source>
        <translation>讀者停權</translation>
    </message>
    <message>
        <source>Unblock patron</source>
        <translation>解除停權</translation>
    </message>
    <message>
        <source>Add a message</source>
        <translation>新增讀者訊息</translation>
    </message>
    <message>
        <source>Replace card</source>
        <translation>補發借書證</translation>
    </message>
    <message>
        <source>Record a claim</source>
        <translation>登記借閱爭議</translation>
    </message>
    <message>
        <source>Close card</source>
        <translation>停用借書證</translation>
    </message>
    <message>
        <source>Lift the block by itself on</source>
        <translation>自動解除停權日期</translation>
    </message>
    <message>
        <source>Claims returned</source>
        <translation>宣稱已還</translation>
    </message>
    <message>
        <source>Claims never borrowed</source>
        <translation>宣稱未借</translation>
    </message>
    <message>
        <source>Message shown at checkout</source>
        <translation>借書時顯示的停權說明</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>訊息</translation>
    </message>
    <message>
        <source>Scan the new card</source>
        <translation>請刷新借書證</translation>
    </message>
    <message>
        <source>Looking for a deposit to pay back…</source>
        <translation>正在查詢是否有保證金待退還…</translation>
    </message>
    <message>
        <source>Item barcode</source>
        <translation>館藏條碼</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>爭議類型</translation>
    </message>
    <message>
        <source>Problem form no.</source>
        <translation>問題處理程序單編號</translation>
    </message>
    <message>
        <source>No deposit is held: the card is closed and nothing is paid back.</source>
        <translation>無保證金：停用借書證，不退還任何款項。</translation>
    </message>
    <message>
        <source>Deposit to pay back: %1 (%2, receipt %3). A supervisor approves it.</source>
        <translation>待退還保證金：%1（%2，收據 %3），須經主管核可。</translation>
    </message>
    <message>
        <source>%1 was not taken: finish or cancel this dialog first.</source>
        <translation>未讀入 %1：請先完成或取消此對話框。</translation>
    </message>
</context>
<context>
    <name>PatronActions</name>
    <message>
        <source>Acknowledge the patron&apos;s message</source>
        <translation>確認讀者已知悉留言</translation>
    </message>
    <message>
        <source>Scan a patron card first.</source>
        <translation>請先掃描讀者借書證。</translation>
    </message>
    <message>
        <source>No message to acknowledge.</source>
        <translation>沒有待確認的訊息。</translation>
    </message>
</context>
<context>
    <name>PatronDialog</name>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD（年-月-日）</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <source>Ca&amp;tegory</source>
        <translation>讀者類型(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation>電子郵件(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>電話(&amp;P)</translation>
    </message>
    <message>
        <source>Dep&amp;artment</source>
        <translation>系所單位(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Birth date</source>
        <translation>出生日期(&amp;B)</translation>
    </message>
    <message>
        <source>E&amp;xpires</source>
        <translation>有效期限(&amp;X)</translation>
    </message>
    <message>
        <source>Duplicate?</source>
        <translation>重複建檔？</translation>
    </message>
    <message>
        <source>Write the date as YYYY-MM-DD, e.g. 2027-06-30.</source>
        <translation>日期請以 YYYY-MM-DD 格式輸入，例如 2027-06-30。</translation>
    </message>
</context>
<context>
    <name>PatronMoves</name>
    <message>
        <source>No patron to bring here.</source>
        <translation>沒有可帶入的讀者。</translation>
    </message>
    <message>
        <source>Patron %1 brought here.</source>
        <translation>已帶入讀者 %1。</translation>
    </message>
</context>
<context>
    <name>PatronPanel</name>
    <message>
        <source>No patron</source>
        <translation>尚無讀者</translation>
    </message>
    <message>
        <source>Patron</source>
        <translation>讀者</translation>
    </message>
    <message>
        <source>Card: %1</source>
        <translation>借書證：%1</translation>
    </message>
    <message>
        <source>Category: %1</source>
        <translation>讀者類型：%1</translation>
    </message>
    <message>
        <source>no expiry</source>
        <translation>無期限</translation>
    </message>
    <message>
        <source>Expires: %1</source>
        <translation>借書證有效期限：%1</translation>
    </message>
    <message>
        <source>Loans %1 · Overdue %2 · Holds %3 (waiting %4)</source>
        <translation>借閱 %1 · 逾期 %2 · 預約 %3（待取 %4）</translation>
    </message>
    <message>
        <source>On the holds shelf for them: %1</source>
        <translation>預約架上待取：%1</translation>
    </message>
    <message>
        <source>(pick up by %1)</source>
        <translation>（取書期限 %1）</translation>
    </message>
    <message>
        <source>Balance: %1</source>
        <translation>應繳：%1</translation>
    </message>
    <message>
        <source>earlier note</source>
        <translation>舊註記</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1，%2：%3</translation>
    </message>
    <message>
        <source>%1 acknowledges the oldest message.</source>
        <translation>按 %1 確認最早的一則訊息。</translation>
    </message>
</context>
<context>
    <name>PatronPhoto</name>
    <message>
        <source>No photo — ask for ID</source>
        <translation>無照片
請查驗身分證件</translation>
    </message>
</context>
<context>
    <name>PatronRecordView</name>
    <message>
        <source>Photo saved.</source>
        <translation>照片已儲存。</translation>
    </message>
    <message>
        <source>Check out to this patron (F1)</source>
        <translation>借書(F1) 帶入此讀者</translation>
    </message>
    <message>
        <source>Back to search (Esc)</source>
        <translation>回到查詢（Esc）</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>條碼</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>題名</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Renewals</source>
        <translation>續借次數</translation>
    </message>
    <message>
        <source>Fine if returned now</source>
        <translation>若今日歸還之滯還金</translation>
    </message>
    <message>
        <source>Renew selected (Ctrl+R)</source>
        <translation>續借選取項目（Ctrl+R）</translation>
    </message>
    <message>
        <source>Renew all</source>
        <translation>全部續借</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Pickup at</source>
        <translation>取書地點</translation>
    </message>
    <message>
        <source>Placed</source>
        <translation>預約日期</translation>
    </message>
    <message>
        <source>Pick up by</source>
        <translation>取書期限</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>館藏</translation>
    </message>
    <message>
        <source>Cancel hold… (Del)</source>
        <translation>取消預約…（刪除鍵）</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>類別</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>說明</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>Outstanding</source>
        <translation>未繳</translation>
    </message>
    <message>
        <source>Pay on the Fines screen (F11)</source>
        <translation>至繳費畫面繳款（F11）</translation>
    </message>
    <message>
        <source>Waive selected…</source>
        <translation>減免選取款項…</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>申請日期</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>館別</translation>
    </message>
    <message>
        <source>Act or pick up by</source>
        <translation>處理／取書期限</translation>
    </message>
    <message>
        <source>Request a delivery… (Ctrl+Shift+D)</source>
        <translation>申請圖書代借…（Ctrl+Shift+D）</translation>
    </message>
    <message>
        <source>Refund the selected delivery&apos;s fee</source>
        <translation>退還所選代借申請的手續費</translation>
    </message>
    <message>
        <source>Cancel the selected request… (%1)</source>
        <translation>取消所選申請…（%1）</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>訊息</translation>
    </message>
    <message>
        <source>By</source>
        <translation>登錄者</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>歸還</translation>
    </message>
    <message>
        <source>Borrowed</source>
        <translation>借出</translation>
    </message>
    <message>
        <source>Show older</source>
        <translation>顯示較早紀錄</translation>
    </message>
    <message>
        <source>Authorisation</source>
        <translation>委託關係</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>借書證</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>有效期限</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>備註</translation>
    </message>
    <message>
        <source>Register a proxy…</source>
        <translation>登記代借人…</translation>
    </message>
    <message>
        <source>End selected</source>
        <translation>終止選取的委託</translation>
    </message>
    <message>
        <source>When</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事項</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>館員</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Show the tab %1</source>
        <translation>切換到「%1」分頁</translation>
    </message>
    <message>
        <source>Next tab</source>
        <translation>下一個分頁</translation>
    </message>
    <message>
        <source>Previous tab</source>
        <translation>上一個分頁</translation>
    </message>
    <message>
        <source>Back to the search</source>
        <translation>回到讀者查詢</translation>
    </message>
    <message>
        <source>Renew the selected loans</source>
        <translation>續借所選的借閱</translation>
    </message>
    <message>
        <source>Request a delivery from another location</source>
        <translation>向他館申請圖書代借</translation>
    </message>
    <message>
        <source>Research-project books ready for this patron</source>
        <translation>此讀者的研究計畫用書已到館</translation>
    </message>
    <message>
        <source>Cancel the selected search or withdrawn-area request</source>
        <translation>取消所選的圖書協尋或撤架區取書申請</translation>
    </message>
    <message>
        <source>Card: %1</source>
        <translation>借書證：%1</translation>
    </message>
    <message>
        <source>Category: %1</source>
        <translation>讀者類型：%1</translation>
    </message>
    <message>
        <source>Expires: %1</source>
        <translation>借書證有效期限：%1</translation>
    </message>
    <message>
        <source>no expiry</source>
        <translation>無期限</translation>
    </message>
    <message>
        <source>Owes %1.</source>
        <translation>尚欠 %1。</translation>
    </message>
    <message>
        <source>%1 overdue item(s).</source>
        <translation>有 %1 冊逾期。</translation>
    </message>
    <message>
        <source>In good standing: may borrow.</source>
        <translation>狀態正常：可借書。</translation>
    </message>
    <message>
        <source>(overdue)</source>
        <translation>（逾期）</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>停權</translation>
    </message>
    <message>
        <source>May borrow for this patron</source>
        <translation>可代此讀者借書</translation>
    </message>
    <message>
        <source>This patron may borrow for</source>
        <translation>此讀者可代為借書</translation>
    </message>
    <message>
        <source>until ended</source>
        <translation>至終止為止</translation>
    </message>
    <message>
        <source>Loans (%1)</source>
        <translation>借閱中（%1）</translation>
    </message>
    <message>
        <source>Holds (%1)</source>
        <translation>預約（%1）</translation>
    </message>
    <message>
        <source>Charges (%1)</source>
        <translation>費用（%1）</translation>
    </message>
    <message>
        <source>Requests (%1)</source>
        <translation>申請（%1）</translation>
    </message>
    <message>
        <source>Messages (%1)</source>
        <translation>訊息（%1）</translation>
    </message>
    <message>
        <source>History (%1)</source>
        <translation>借閱紀錄（%1）</translation>
    </message>
    <message>
        <source>Proxies (%1)</source>
        <translation>代借人（%1）</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>活動紀錄</translation>
    </message>
    <message>
        <source>late</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>%1 of %2 returned loans</source>
        <translation>已還借閱紀錄 %2 筆，顯示 %1 筆</translation>
    </message>
    <message>
        <source>Select a loan to renew.</source>
        <translation>請選取要續借的圖書。</translation>
    </message>
    <message>
        <source>%1 not renewed: %2</source>
        <translation>%1 未續借：%2</translation>
    </message>
    <message>
        <source>%1 renewed, due %2</source>
        <translation>%1 已續借，到期日 %2</translation>
    </message>
    <message>
        <source>Select a hold to cancel.</source>
        <translation>請選取要取消的預約。</translation>
    </message>
    <message>
        <source>Cancel hold</source>
        <translation>取消預約</translation>
    </message>
    <message>
        <source>Cancel the hold on %1?</source>
        <translation>確定取消《%1》的預約？</translation>
    </message>
    <message>
        <source>Hold on %1 cancelled.</source>
        <translation>已取消《%1》的預約。</translation>
    </message>
    <message>
        <source>Select the charges to waive.</source>
        <translation>請選取要減免的款項。</translation>
    </message>
    <message>
        <source>Delivery requested: temporary receipt %1 printed.</source>
        <translation>已受理代借申請，已列印臨時收據 %1。</translation>
    </message>
    <message>
        <source>%1 book(s) kept on the holds shelf until %2; the patron is e-mailed.</source>
        <translation>%1 冊已保留於預約架至 %2；已寄電子郵件通知讀者。</translation>
    </message>
    <message>
        <source>Select a delivery that could not be met to refund its fee.</source>
        <translation>請選擇無法辦理的代借申請，才能退還手續費。</translation>
    </message>
    <message>
        <source>Select a missing-book search or a withdrawn-area request to cancel.</source>
        <translation>請選擇要取消的圖書協尋或撤架區取書申請。</translation>
    </message>
    <message>
        <source>Delivery fee refunded: %1 (receipt %2).</source>
        <translation>已退還代借手續費：%1（收據 %2）。</translation>
    </message>
    <message>
        <source>Proxy registered.</source>
        <translation>已登記代借人。</translation>
    </message>
    <message>
        <source>Select the authorisation to end.</source>
        <translation>請選取要終止的委託。</translation>
    </message>
    <message>
        <source>End proxy</source>
        <translation>終止代借</translation>
    </message>
    <message>
        <source>End the authorisation of %1 to borrow for %2?</source>
        <translation>確定終止 %1 代 %2 借書的委託？</translation>
    </message>
    <message>
        <source>Proxy authorisation ended.</source>
        <translation>已終止代借委託。</translation>
    </message>
</context>
<context>
    <name>PatronSearchScreen</name>
    <message>
        <source>Patron search</source>
        <translation>讀者查詢</translation>
    </message>
    <message>
        <source>Card number or name — results as you type</source>
        <translation>借書證號或姓名（即打即查）</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>借書證</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>讀者類型</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>借書證有效期限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>系所</translation>
    </message>
    <message>
        <source>New patron… (Ctrl+N)</source>
        <translation>讀者辦證…（Ctrl+N）</translation>
    </message>
    <message>
        <source>Edit the patron shown</source>
        <translation>修改目前讀者資料</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>借書證已過期</translation>
    </message>
    <message>
        <source>blocked</source>
        <translation>停權</translation>
    </message>
    <message>
        <source>%1 patron(s) found</source>
        <translation>找到 %1 位讀者</translation>
    </message>
    <message>
        <source>No patron found: Ctrl+N registers a new one.</source>
        <translation>查無讀者：按 Ctrl+N 為新讀者辦證。</translation>
    </message>
</context>
<context>
    <name>PaymentPanel</name>
    <message>
        <source>&amp;Take payment</source>
        <translation>收款(&amp;T)</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Handed over</source>
        <translation>收取金額</translation>
    </message>
    <message>
        <source>Today is closed: payments are booked to %1.</source>
        <translation>本日已結帳：收款計入 %1。</translation>
    </message>
    <message>
        <source>Change: %1</source>
        <translation>找零：%1</translation>
    </message>
    <message>
        <source>%1 short</source>
        <translation>不足 %1</translation>
    </message>
</context>
<context>
    <name>PhotoActions</name>
    <message>
        <source>Photo from file…</source>
        <translation>從檔案載入照片…</translation>
    </message>
    <message>
        <source>No camera found</source>
        <translation>找不到攝影機</translation>
    </message>
    <message>
        <source>No webcam is connected to this computer: load the photo from a file.</source>
        <translation>這台電腦未連接網路攝影機：請從檔案載入照片。</translation>
    </message>
    <message>
        <source>Take photo with the camera…</source>
        <translation>以攝影機拍照…</translation>
    </message>
    <message>
        <source>The patron&apos;s photo</source>
        <translation>讀者照片</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>圖檔（%1）</translation>
    </message>
    <message>
        <source>%1 is not an image the desk can read (%2).</source>
        <translation>%1 不是可讀取的圖檔（%2）。</translation>
    </message>
    <message>
        <source>No camera found: load the photo from a file.</source>
        <translation>找不到攝影機：請從檔案載入照片。</translation>
    </message>
    <message>
        <source>The picture is too small to be a photo (%1).</source>
        <translation>影像太小，無法作為照片（%1）。</translation>
    </message>
</context>
<context>
    <name>ProjectBooksDialog</name>
    <message>
        <source>Research-project books ready</source>
        <translation>研究計畫用書到館</translation>
    </message>
    <message>
        <source>Books ready for %1 (%2): kept on the holds shelf for them, and an e-mail tells them to come.</source>
        <translation>%1（%2）的研究計畫用書：保留於預約架，並以電子郵件通知讀者前來借書。</translation>
    </message>
    <message>
        <source>Scan or type a book, then Enter</source>
        <translation>掃描或輸入圖書條碼後按 Enter</translation>
    </message>
    <message>
        <source>&amp;Book</source>
        <translation>圖書(&amp;B)</translation>
    </message>
    <message>
        <source>Books ready</source>
        <translation>已備妥的圖書</translation>
    </message>
    <message>
        <source>%1 is on the list already.</source>
        <translation>%1 已在清單上。</translation>
    </message>
    <message>
        <source>Scan the project&apos;s books first.</source>
        <translation>請先掃描研究計畫用書。</translation>
    </message>
</context>
<context>
    <name>ProxyDialog</name>
    <message>
        <source>Register a proxy</source>
        <translation>登記代借人</translation>
    </message>
    <message>
        <source>Who may borrow for %1 (authorisation form F-K08-033, with the patron&apos;s card and the proxy&apos;s ID)?</source>
        <translation>誰可代 %1 借書？（須填具借閱委託書 F-K08-033，並檢附委託人借書證及被委託人身分證件）</translation>
    </message>
    <message>
        <source>Scan or type the proxy&apos;s card</source>
        <translation>掃描或輸入代借人借書證號</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>有效期限</translation>
    </message>
    <message>
        <source>Form number, ID checked, …</source>
        <translation>委託書編號、已查驗證件…</translation>
    </message>
    <message>
        <source>Proxy&apos;s card</source>
        <translation>代借人借書證</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>備註</translation>
    </message>
    <message>
        <source>Scan or type the proxy&apos;s card.</source>
        <translation>請掃描或輸入代借人借書證號。</translation>
    </message>
</context>
<context>
    <name>PullListTab</name>
    <message>
        <source>Scan a book on the pull list to confirm it</source>
        <translation>掃描清單上的圖書以確認調書</translation>
    </message>
    <message>
        <source>Call number</source>
        <translation>索書號</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>條碼</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>題名</translation>
    </message>
    <message>
        <source>For</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Patron</source>
        <translation>讀者</translation>
    </message>
    <message>
        <source>Act by</source>
        <translation>處理期限</translation>
    </message>
    <message>
        <source>State</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Re&amp;load pull list</source>
        <translation>重新載入調書清單(&amp;L)</translation>
    </message>
    <message>
        <source>Save pull list with &amp;barcodes as PDF…</source>
        <translation>另存含條碼的調書清單 PDF(&amp;B)…</translation>
    </message>
    <message>
        <source>Delivery not found…</source>
        <translation>代借書未尋獲…</translation>
    </message>
    <message>
        <source>The selected delivery&apos;s book cannot be found or supplied (%1)</source>
        <translation>所選代借申請的圖書找不到或無法提供（%1）</translation>
    </message>
    <message>
        <source>The selected delivery&apos;s book cannot be found or supplied</source>
        <translation>所選代借申請的圖書找不到或無法提供</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>預約</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>代借</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>協尋</translation>
    </message>
    <message>
        <source>Withdrawn area</source>
        <translation>撤架區取書</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>scan to confirm</source>
        <translation>待掃描確認</translation>
    </message>
    <message>
        <source>%1 book(s) to fetch, %2 overdue.</source>
        <translation>待調書 %1 冊，逾期 %2 冊。</translation>
    </message>
    <message>
        <source>%1 is not on the pull list.</source>
        <translation>%1 不在調書清單上。</translation>
    </message>
    <message>
        <source>%1 is already confirmed.</source>
        <translation>%1 已確認過。</translation>
    </message>
    <message>
        <source>%1: confirm it on its own screen.</source>
        <translation>%1：請在該項作業的畫面確認。</translation>
    </message>
    <message>
        <source>sent to %1: delivery slip printed</source>
        <translation>送往%1：已列印代借回擲單</translation>
    </message>
    <message>
        <source>trapped: holds shelf</source>
        <translation>已保留：放預約架</translation>
    </message>
    <message>
        <source>in transit to %1</source>
        <translation>轉送至%1</translation>
    </message>
    <message>
        <source>found: kept behind the desk until %1</source>
        <translation>已尋獲：保留於櫃台至 %1</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>已確認</translation>
    </message>
    <message>
        <source>%1 left to fetch.</source>
        <translation>尚有 %1 冊待調書。</translation>
    </message>
    <message>
        <source>Select a delivery on the list first.</source>
        <translation>請先在清單上選擇一筆代借申請。</translation>
    </message>
    <message>
        <source>Delivery not found</source>
        <translation>代借書未尋獲</translation>
    </message>
    <message>
        <source>Why can %1 not be sent? The patron is told, and may have the fee back.</source>
        <translation>%1 為何無法送出？系統將通知讀者，讀者可申請退還手續費。</translation>
    </message>
    <message>
        <source>Not found on the shelf</source>
        <translation>書架上找不到</translation>
    </message>
    <message>
        <source>not found: the patron is told; the fee is refundable until %1</source>
        <translation>未尋獲：已通知讀者；手續費可退還至 %1</translation>
    </message>
    <message>
        <source>Pull list %1</source>
        <translation>調書清單 %1</translation>
    </message>
    <message>
        <source>Nothing to pull.</source>
        <translation>沒有待調的圖書。</translation>
    </message>
    <message>
        <source>Pull list saved: %1</source>
        <translation>調書清單已儲存：%1</translation>
    </message>
    <message>
        <source>Save pull list</source>
        <translation>儲存調書清單</translation>
    </message>
</context>
<context>
    <name>QuitQuestion</name>
    <message>
        <source>Quit</source>
        <translation>結束</translation>
    </message>
    <message>
        <source>Quit the circulation desk? Scans are not taken until it is started again.</source>
        <translation>要關閉流通櫃台系統嗎？關閉後直到重新開啟前都無法掃描。</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>關閉(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Stay</source>
        <translation>繼續使用(&amp;S)</translation>
    </message>
</context>
<context>
    <name>RefusalBox</name>
    <message>
        <source>Override…</source>
        <translation>主管核可…</translation>
    </message>
    <message>
        <source>Pay the fines (F11)</source>
        <translation>繳費 (F11)</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>關閉</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>未能辦理</translation>
    </message>
</context>
<context>
    <name>RenewScreen</name>
    <message>
        <source>Renew</source>
        <translation>續借</translation>
    </message>
    <message>
        <source>Scan a patron card, or an item to renew it</source>
        <translation>掃描借書證，或掃描館藏直接續借</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>條碼</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>題名</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Renewals</source>
        <translation>續借次數</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>&amp;Renew selected</source>
        <translation>續借所選(&amp;R)</translation>
    </message>
    <message>
        <source>Renew &amp;all</source>
        <translation>全部續借(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Override…</source>
        <translation>主管核可(&amp;O)…</translation>
    </message>
    <message>
        <source>%1 loan(s). Select and press Enter, or Renew all.</source>
        <translation>借閱中 %1 冊。選取後按 Enter，或全部續借。</translation>
    </message>
    <message>
        <source>%1 is on loan to %2 (card %3): switched to that patron.</source>
        <translation>%1 借給 %2（借書證 %3），已切換讀者。</translation>
    </message>
    <message>
        <source>(overdue)</source>
        <translation>（逾期）</translation>
    </message>
    <message>
        <source>Select the loans to renew.</source>
        <translation>請選取要續借的館藏。</translation>
    </message>
    <message>
        <source>Renewed: due %1 (was %3), %2 renewal(s) left</source>
        <translation>已續借：到期日 %1（原到期日 %3），尚可續借 %2 次</translation>
    </message>
    <message>
        <source>overdue fine %1 added to the balance</source>
        <translation>逾期滯還金 %1 已計入應繳金額</translation>
    </message>
    <message>
        <source>[Override… possible]</source>
        <translation>［可由主管核可］</translation>
    </message>
    <message>
        <source>Select a refused renewal that a supervisor may allow.</source>
        <translation>請選取一筆可由主管核可的續借。</translation>
    </message>
</context>
<context>
    <name>ReplayScreen</name>
    <message>
        <source>Replay</source>
        <translation>離線補登</translation>
    </message>
    <message>
        <source>Run replay</source>
        <translation>執行離線補登</translation>
    </message>
    <message>
        <source>Apply selected…</source>
        <translation>套用所選…</translation>
    </message>
    <message>
        <source>Discard selected…</source>
        <translation>捨棄所選…</translation>
    </message>
    <message>
        <source>Apply all needing a decision…</source>
        <translation>套用所有待決定項目…</translation>
    </message>
    <message>
        <source>Slip</source>
        <translation>單號</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>類型</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>借書證</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>館藏</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>說明</translation>
    </message>
    <message>
        <source>(due %1)</source>
        <translation>（到期 %1）</translation>
    </message>
    <message>
        <source>Select lines that need a decision.</source>
        <translation>請選取待決定的項目。</translation>
    </message>
</context>
<context>
    <name>RequestsScreen</name>
    <message>
        <source>Requests</source>
        <translation>協尋與調閱</translation>
    </message>
    <message>
        <source>Scan a book found on the shelves or fetched from the withdrawn area</source>
        <translation>請掃描在書庫尋獲或自撤架區取出的圖書</translation>
    </message>
    <message>
        <source>Reply by</source>
        <translation>回覆期限</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>館藏條碼</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>題名</translation>
    </message>
    <message>
        <source>Call number</source>
        <translation>索書號</translation>
    </message>
    <message>
        <source>Patron</source>
        <translation>讀者</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>借書證</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>申請日期</translation>
    </message>
    <message>
        <source>State</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Pick up by / due</source>
        <translation>取書期限／應還時間</translation>
    </message>
    <message>
        <source>ID kept</source>
        <translation>抵押證件</translation>
    </message>
    <message>
        <source>Missing-book searches</source>
        <translation>圖書協尋</translation>
    </message>
    <message>
        <source>Withdrawn-area retrieval</source>
        <translation>撤架區取書</translation>
    </message>
    <message>
        <source>Not found (%1)</source>
        <translation>未尋獲（%1）</translation>
    </message>
    <message>
        <source>Lend for reading against an ID… (%1)</source>
        <translation>押證館內閱覽…（%1）</translation>
    </message>
    <message>
        <source>Cancel the selected request… (%1)</source>
        <translation>取消所選申請…（%1）</translation>
    </message>
    <message>
        <source>Deadlines (%1)</source>
        <translation>期限處理（%1）</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>重新整理(&amp;R)</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>館藏地</translation>
    </message>
    <message>
        <source>Missing-book searches (%1)</source>
        <translation>圖書協尋（%1）</translation>
    </message>
    <message>
        <source>Withdrawn-area retrieval (%1 to fetch)</source>
        <translation>撤架區取書（待取 %1 冊）</translation>
    </message>
    <message>
        <source>in-library use only</source>
        <translation>限館內使用</translation>
    </message>
    <message>
        <source>%1: keep it behind the desk for %2 (%3) until %4; the patron is told.</source>
        <translation>%1：請置於櫃台後方書架保留給 %2（%3）至 %4，已通知讀者。</translation>
    </message>
    <message>
        <source>In-library use only: lend it for reading against an ID.</source>
        <translation>此書限館內使用：請押有效證件於館內閱覽。</translation>
    </message>
    <message>
        <source>%1 lent for reading until %2; keep the ID: %3.</source>
        <translation>%1 已押證館內閱覽，請於 %2 前歸還；抵押證件：%3。</translation>
    </message>
    <message>
        <source>%1 was not found: it is now recorded missing and the patron is told.</source>
        <translation>%1 未尋獲：館藏狀態已改為下落不明，並已通知讀者。</translation>
    </message>
    <message>
        <source>Select a search on the list first.</source>
        <translation>請先在清單上選擇一筆協尋申請。</translation>
    </message>
    <message>
        <source>Select a fetched withdrawn-area book on the list first.</source>
        <translation>請先在清單上選擇一本已取出的撤架區圖書。</translation>
    </message>
    <message>
        <source>Lend for reading</source>
        <translation>押證館內閱覽</translation>
    </message>
    <message>
        <source>%1 for %2: which ID does the desk keep (kind and number)?</source>
        <translation>%1（讀者 %2）：櫃台抵押的證件為何（證件種類及號碼）？</translation>
    </message>
    <message>
        <source>Select a request on the list first.</source>
        <translation>請先在清單中選擇一筆申請。</translation>
    </message>
    <message>
        <source>Past their deadline: %1 search(es) ended unfound (now missing: %2); take back to the withdrawn area: %3.</source>
        <translation>已逾期限：%1 筆協尋未尋獲（已改為下落不明：%2）；請歸回撤架區：%3。</translation>
    </message>
    <message>
        <source>No request is past its deadline.</source>
        <translation>沒有逾期的申請。</translation>
    </message>
    <message>
        <source>This could not be done now; the database did not answer. Try again.</source>
        <translation>資料庫未回應，目前無法完成，請再試一次。</translation>
    </message>
</context>
<context>
    <name>RouteBanner</name>
    <message>
        <source>Scan returned items</source>
        <translation>請掃描歸還的館藏</translation>
    </message>
    <message>
        <source>SHELVE</source>
        <translation>上架</translation>
    </message>
    <message>
        <source>HOLDS SHELF</source>
        <translation>預約架</translation>
    </message>
    <message>
        <source>TRANSIT</source>
        <translation>轉送</translation>
    </message>
    <message>
        <source>TO STAFF</source>
        <translation>交館員</translation>
    </message>
    <message>
        <source>NOT CHECKED IN</source>
        <translation>未還書</translation>
    </message>
    <message>
        <source>Where the item goes</source>
        <translation>館藏去向</translation>
    </message>
</context>
<context>
    <name>ScanFeedback</name>
    <message>
        <source>Last scan</source>
        <translation>最近一次掃描</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>未能辦理</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>請注意</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>櫃台</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>掃描器</translation>
    </message>
    <message>
        <source>Sounds</source>
        <translation>音效</translation>
    </message>
    <message>
        <source>Screen</source>
        <translation>畫面</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>備份</translation>
    </message>
    <message>
        <source>General</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>Screen and sounds</source>
        <translation>畫面與音效</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>設備</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>讀者通知</translation>
    </message>
    <message>
        <source>Barcode scanner</source>
        <translation>條碼掃描器</translation>
    </message>
    <message>
        <source>Security-strip unit</source>
        <translation>磁條設備</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>單據印表機</translation>
    </message>
    <message>
        <source>RFID pad</source>
        <translation>RFID 感應板</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>測試</translation>
    </message>
    <message>
        <source>Test checks the devices as they run now: press OK to apply changed settings first.</source>
        <translation>「測試」檢查目前運作中的設備：請先按「確定」套用變更的設定。</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>測試中…</translation>
    </message>
    <message>
        <source>Database URL</source>
        <translation>資料庫網址</translation>
    </message>
    <message>
        <source>Desk code</source>
        <translation>櫃台代碼</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>語言</translation>
    </message>
    <message>
        <source>Lock the desk after idle minutes (0: never)</source>
        <translation>閒置幾分鐘後鎖定櫃台（0：不鎖定）</translation>
    </message>
    <message>
        <source>Scanner prefix</source>
        <translation>掃描器前置字元</translation>
    </message>
    <message>
        <source>Scanner suffix</source>
        <translation>掃描器後置字元</translation>
    </message>
    <message>
        <source>Strip the AIM identifier (]C1…)</source>
        <translation>去除 AIM 條碼類型識別碼（]C1…）</translation>
    </message>
    <message>
        <source>Patron card pattern</source>
        <translation>借書證條碼格式</translation>
    </message>
    <message>
        <source>Item barcode pattern</source>
        <translation>館藏條碼格式</translation>
    </message>
    <message>
        <source>Longest gap in a scan (ms)</source>
        <translation>掃描字元最長間隔（毫秒）</translation>
    </message>
    <message>
        <source>Shortest scan (characters)</source>
        <translation>最短掃描長度（字元）</translation>
    </message>
    <message>
        <source>Ignore a repeated scan within (ms)</source>
        <translation>重複掃描忽略時間（毫秒）</translation>
    </message>
    <message>
        <source>Play sounds</source>
        <translation>播放音效</translation>
    </message>
    <message>
        <source>Volume (%)</source>
        <translation>音量（%）</translation>
    </message>
    <message>
        <source>Flash the window on a refusal</source>
        <translation>無法辦理時畫面閃爍提示</translation>
    </message>
    <message>
        <source>Text size (%, 100 to 200)</source>
        <translation>文字大小（%，100 至 200）</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>高對比</translation>
    </message>
    <message>
        <source>Baud rate</source>
        <translation>鮑率</translation>
    </message>
    <message>
        <source>End of scan</source>
        <translation>掃描結尾字元</translation>
    </message>
    <message>
        <source>Strip unit</source>
        <translation>磁條設備</translation>
    </message>
    <message>
        <source>Desensitize command</source>
        <translation>消磁指令</translation>
    </message>
    <message>
        <source>Re-sensitize command</source>
        <translation>上磁指令</translation>
    </message>
    <message>
        <source>Acknowledgement</source>
        <translation>成功回應</translation>
    </message>
    <message>
        <source>Refusal</source>
        <translation>失敗回應</translation>
    </message>
    <message>
        <source>Answer within (ms)</source>
        <translation>回應時限（毫秒）</translation>
    </message>
    <message>
        <source>Retries</source>
        <translation>重試次數</translation>
    </message>
    <message>
        <source>Pulse (ms)</source>
        <translation>脈衝時間（毫秒）</translation>
    </message>
    <message>
        <source>RFID reader (3M 810)</source>
        <translation>RFID 讀取器（3M 810）</translation>
    </message>
    <message>
        <source>AFI in the library</source>
        <translation>館內 AFI 值</translation>
    </message>
    <message>
        <source>AFI on loan</source>
        <translation>借出 AFI 值</translation>
    </message>
    <message>
        <source>Read the pad every (ms)</source>
        <translation>感應板讀取間隔（毫秒）</translation>
    </message>
    <message>
        <source>Country on new tags</source>
        <translation>新標籤的國別</translation>
    </message>
    <message>
        <source>Library ISIL on new tags</source>
        <translation>新標籤的圖書館 ISIL</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>印表機</translation>
    </message>
    <message>
        <source>Chinese text</source>
        <translation>中文列印方式</translation>
    </message>
    <message>
        <source>Slip header lines</source>
        <translation>單據表頭文字</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>備份資料夾</translation>
    </message>
    <message>
        <source>Back up every (hours)</source>
        <translation>備份間隔（小時）</translation>
    </message>
    <message>
        <source>Warn when the last backup is older than (hours)</source>
        <translation>最近備份超過幾小時即警示</translation>
    </message>
    <message>
        <source>Daily backups kept</source>
        <translation>保留每日備份數</translation>
    </message>
    <message>
        <source>Weekly backups kept</source>
        <translation>保留每週備份數</translation>
    </message>
    <message>
        <source>Send notices every (minutes, 0: never)</source>
        <translation>定時寄送通知（分鐘，0：不寄送）</translation>
    </message>
    <message>
        <source>Mail server</source>
        <translation>郵件伺服器</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>連接埠</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>加密方式</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>帳號</translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation>寄件者地址</translation>
    </message>
    <message>
        <source>Signed by (library name)</source>
        <translation>署名（圖書館名稱）</translation>
    </message>
    <message>
        <source>Courtesy reminder days before due (0: none)</source>
        <translation>到期前幾天寄送提醒（0：不寄送）</translation>
    </message>
    <message>
        <source>Folder of printed notices</source>
        <translation>紙本通知存放資料夾</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>系統預設</translation>
    </message>
    <message>
        <source>%1 is not a valid pattern: %2</source>
        <translation>%1 不是有效的格式：%2</translation>
    </message>
    <message>
        <source>Cannot save the settings: %1</source>
        <translation>無法儲存設定：%1</translation>
    </message>
</context>
<context>
    <name>SettlementScreen</name>
    <message>
        <source>Settlement</source>
        <translation>結算</translation>
    </message>
    <message>
        <source>Close the day</source>
        <translation>日結</translation>
    </message>
    <message>
        <source>Closed days</source>
        <translation>已結算日</translation>
    </message>
    <message>
        <source>Today, all desks</source>
        <translation>今日，所有櫃台</translation>
    </message>
    <message>
        <source>&amp;Open that day&apos;s report</source>
        <translation>開啟該日結算報表(&amp;O)</translation>
    </message>
    <message>
        <source>Blind count: cash in the drawer (float included)</source>
        <translation>先點鈔（不顯示應收）：錢櫃現金（含找零金）</translation>
    </message>
    <message>
        <source>%1 counted (slips)</source>
        <translation>%1 點收（單據）</translation>
    </message>
    <message>
        <source>&amp;Compare with the takings</source>
        <translation>與收入核對(&amp;C)</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>應有</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>實點</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差額</translation>
    </message>
    <message>
        <source>Booked as</source>
        <translation>入帳為</translation>
    </message>
    <message>
        <source>Note (required when the count differs)</source>
        <translation>備註（金額不符時必填）</translation>
    </message>
    <message>
        <source>Close the &amp;day…</source>
        <translation>日結(&amp;D)…</translation>
    </message>
    <message>
        <source>Start over</source>
        <translation>重新開始</translation>
    </message>
    <message>
        <source>Set float…</source>
        <translation>設定找零金…</translation>
    </message>
    <message>
        <source>Save &amp;PDF…</source>
        <translation>存為 PDF(&amp;P)…</translation>
    </message>
    <message>
        <source>Save CS&amp;V…</source>
        <translation>存為 CSV(&amp;V)…</translation>
    </message>
    <message>
        <source>Print s&amp;lip</source>
        <translation>列印結算單(&amp;L)</translation>
    </message>
    <message>
        <source>Starting float of this desk</source>
        <translation>本櫃台的找零金</translation>
    </message>
    <message>
        <source>Business date</source>
        <translation>營業日</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>櫃台</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>備註</translation>
    </message>
    <message>
        <source>&amp;Open report</source>
        <translation>開啟報表(&amp;O)</translation>
    </message>
    <message>
        <source>Today (%1) is already closed: closed by %2 at %3. Payments taken after the close are booked to %4.</source>
        <translation>本日（%1）已結帳，由 %2 於 %3 結帳。結帳後的收款計入 %4。</translation>
    </message>
    <message>
        <source>Cash in the drawer: %1</source>
        <translation>錢櫃現金：%1</translation>
    </message>
    <message>
        <source>surplus</source>
        <translation>溢收</translation>
    </message>
    <message>
        <source>deficit</source>
        <translation>短收</translation>
    </message>
    <message>
        <source>balanced</source>
        <translation>相符</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合計</translation>
    </message>
    <message>
        <source>Float %1 (not takings)</source>
        <translation>找零金 %1（非收入）</translation>
    </message>
    <message>
        <source>Per cashier</source>
        <translation>依收款人</translation>
    </message>
    <message>
        <source>Per self-check terminal</source>
        <translation>依自助借還書機</translation>
    </message>
    <message>
        <source>Per fee type</source>
        <translation>依費用類別</translation>
    </message>
    <message>
        <source>Voided receipts: %1</source>
        <translation>作廢收據：%1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>無</translation>
    </message>
    <message>
        <source>Waivers: %1</source>
        <translation>減免：%1</translation>
    </message>
    <message>
        <source>Counted %1 times: the money was recounted after the expected takings were shown (every count is in the audit log).</source>
        <translation>已點鈔 %1 次：顯示應收金額後重新點鈔（每次點鈔均記入稽核紀錄）。</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>備註：%1</translation>
    </message>
    <message>
        <source>Closed: %1 at %2 is locked.</source>
        <translation>已結算：%2 的 %1 已鎖定。</translation>
    </message>
    <message>
        <source>The count differs: write a note first.</source>
        <translation>金額不符：請先填寫備註。</translation>
    </message>
    <message>
        <source>Close %1 for %2</source>
        <translation>結算 %2 的 %1</translation>
    </message>
    <message>
        <source>Starting float %1</source>
        <translation>找零金 %1</translation>
    </message>
    <message>
        <source>starting float</source>
        <translation>找零金</translation>
    </message>
    <message>
        <source>Float set to %1.</source>
        <translation>找零金設為 %1。</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已儲存 %1</translation>
    </message>
    <message>
        <source>Supervisor: %1</source>
        <translation>主管：%1</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>儲存報表</translation>
    </message>
    <message>
        <source>Select a closed day.</source>
        <translation>請選取已結算日。</translation>
    </message>
</context>
<context>
    <name>Shift</name>
    <message>
        <source>signed out</source>
        <translation>未登入</translation>
    </message>
    <message>
        <source>Circulation Desk — %1 — %2 — %3</source>
        <translation>流通櫃台 — %1 — %2 — %3</translation>
    </message>
    <message>
        <source>The visit at the desk ended; %1 signed in.</source>
        <translation>本次服務已結束；%1 已登入。</translation>
    </message>
    <message>
        <source>Signed in: %1</source>
        <translation>已登入：%1</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in — Circulation Desk</source>
        <translation>登入 — 流通櫃台</translation>
    </message>
    <message>
        <source>Desk %1</source>
        <translation>櫃台 %1</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>帳號</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密碼</translation>
    </message>
    <message>
        <source>Desk %1 (not set up in this library)</source>
        <translation>櫃台 %1（本館尚未設定此櫃台）</translation>
    </message>
    <message>
        <source>Desk %1 · %2 (%3)</source>
        <translation>櫃台 %1 · %2（%3）</translation>
    </message>
    <message>
        <source>Enter your login and password.</source>
        <translation>請輸入帳號與密碼。</translation>
    </message>
    <message>
        <source>Wrong login or password.</source>
        <translation>帳號或密碼錯誤。</translation>
    </message>
    <message>
        <source>Cannot sign in: %1</source>
        <translation>無法登入：%1</translation>
    </message>
</context>
<context>
    <name>SlipDock</name>
    <message>
        <source>Last slip</source>
        <translation>最近一張單據</translation>
    </message>
</context>
<context>
    <name>SlipPanel</name>
    <message>
        <source>Last slip</source>
        <translation>最近一張單據</translation>
    </message>
    <message>
        <source>Receipt printer %1 (%2 mm paper): the slip as it prints.</source>
        <translation>收據印表機 %1（%2 mm 紙捲）：以下為實際列印的樣子。</translation>
    </message>
    <message>
        <source>Slips are saved as PDF files in %1: the page as saved.</source>
        <translation>單據存為 PDF 檔，位於 %1：以下為存檔的頁面。</translation>
    </message>
    <message>
        <source>System printer %1: the slip as an 80 mm receipt printer prints it.</source>
        <translation>系統印表機 %1：以下為 80 mm 收據印表機列印的樣子。</translation>
    </message>
    <message>
        <source>No receipt printer is set up (Settings, Devices): slips are only shown here, as an 80 mm receipt printer would print them.</source>
        <translation>尚未設定收據印表機（設定 › 裝置）：單據只顯示於此，樣式同 80 mm 收據印表機。</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <source>Staff</source>
        <translation>館員帳號</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>帳號</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>啟用</translation>
    </message>
    <message>
        <source>Add account</source>
        <translation>新增帳號</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>新帳號</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密碼</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再次輸入密碼</translation>
    </message>
    <message>
        <source>Change role</source>
        <translation>變更角色</translation>
    </message>
    <message>
        <source>Set password</source>
        <translation>設定密碼</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Selected account</source>
        <translation>選取的帳號</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密碼</translation>
    </message>
    <message>
        <source>Staff accounts. Passwords need at least 8 characters, not the login and not a common password; every change is written to the audit log.</source>
        <translation>館員帳號。密碼至少 8 個字元，不可與帳號相同，也不可是常見密碼；每項變更都會記入稽核紀錄。</translation>
    </message>
    <message>
        <source>Only an administrator may manage staff accounts.</source>
        <translation>僅系統管理者可管理館員帳號。</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Select an account in the list.</source>
        <translation>請在清單中選取帳號。</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>啟用</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>兩次輸入的密碼不同。</translation>
    </message>
    <message>
        <source>Account %1 added.</source>
        <translation>已新增帳號 %1。</translation>
    </message>
    <message>
        <source>Password of %1 changed.</source>
        <translation>已變更 %1 的密碼。</translation>
    </message>
    <message>
        <source>Role of %1 changed.</source>
        <translation>已變更 %1 的角色。</translation>
    </message>
    <message>
        <source>%1 disabled.</source>
        <translation>已停用 %1。</translation>
    </message>
    <message>
        <source>%1 enabled.</source>
        <translation>已啟用 %1。</translation>
    </message>
    <message>
        <source>The staff accounts cannot be changed now; the database did not answer. Try again.</source>
        <translation>目前無法變更館員帳號：資料庫沒有回應，請再試一次。</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Every waiting slip has been printed.</source>
        <translation>所有待印單據均已印出。</translation>
    </message>
    <message>
        <source>The cash drawer did not open: %1</source>
        <translation>錢箱未開啟：%1</translation>
    </message>
</context>
<context>
    <name>StripColumn</name>
    <message>
        <source>Retry strip (%1)</source>
        <translation>重試磁條 (%1)</translation>
    </message>
    <message>
        <source>no strip</source>
        <translation>無磁條</translation>
    </message>
    <message>
        <source>No strip to retry.</source>
        <translation>沒有需要重試的磁條。</translation>
    </message>
    <message>
        <source>Strip not done: %1</source>
        <translation>磁條未完成：%1</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>NOT DONE: %1</source>
        <translation>未完成：%1</translation>
    </message>
    <message>
        <source>%1: strip not done (%2). Put the item on the unit and press %3.</source>
        <translation>%1：磁條未完成（%2）。請將館藏放在設備上並按 %3。</translation>
    </message>
</context>
<context>
    <name>SupervisedDialog</name>
    <message>
        <source>Supervisor login</source>
        <translation>主管帳號</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密碼</translation>
    </message>
    <message>
        <source>Enter the supervisor&apos;s login and password.</source>
        <translation>請輸入主管帳號與密碼。</translation>
    </message>
    <message>
        <source>%1 is not a supervisor.</source>
        <translation>%1 不是主管，無權核可。</translation>
    </message>
    <message>
        <source>Wrong login or password.</source>
        <translation>帳號或密碼錯誤。</translation>
    </message>
    <message>
        <source>This could not be done now; the database did not answer. Try again.</source>
        <translation>資料庫未回應，目前無法完成，請再試一次。</translation>
    </message>
</context>
<context>
    <name>UnresolvedRefusalsQuestion</name>
    <message>
        <source>Books not lent</source>
        <translation>有書未借出</translation>
    </message>
    <message>
        <source>These books were scanned in this visit but not lent:</source>
        <translation>以下圖書本次已掃描但未借出：</translation>
    </message>
    <message>
        <source>Go back to lend them (a supervisor may allow some: select the row and press %1), or finish the visit anyway?</source>
        <translation>要返回處理（部分可由主管核可：選取該列後按 %1），還是仍要結束本次借書？</translation>
    </message>
    <message>
        <source>&amp;Go back</source>
        <translation>返回(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Finish anyway</source>
        <translation>仍要結束(&amp;F)</translation>
    </message>
</context>
</TS>
